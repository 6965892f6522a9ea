// The analytics screen's charts: ECharts through vue-echarts, with only the pieces the screen draws
// registered (bars, the heatmap, grid, tooltip, visual map, the canvas renderer; the legend is HTML
// in FigureSection.vue, so it wraps on a phone). Imported only from this folder, so ECharts loads
// with the analytics page's own chunk and nowhere else. The builders below turn rows into options;
// the colours come from the theme's CSS variables.
import { use } from 'echarts/core'
import { BarChart, HeatmapChart } from 'echarts/charts'
import { GridComponent, TooltipComponent, VisualMapComponent } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'
import type { EChartsCoreOption } from 'echarts/core'

use([BarChart, HeatmapChart, GridComponent, TooltipComponent, VisualMapComponent, CanvasRenderer])

export type Option = EChartsCoreOption

/** A theme colour (CSS variable), with the theme's value when the page has none. */
function themeColour(name: string, fallback: string): string {
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim()
  return value || fallback
}

export const colours = () => ({
  accent: themeColour('--ui-accent', '#7a3e6b'),
  accentSoft: themeColour('--ui-accent-soft', '#f3e8f0'),
  text: themeColour('--ui-text', '#1f1d1a'),
  muted: themeColour('--ui-text-muted', '#5f5a53'),
  border: themeColour('--ui-border', '#d9d4cc'),
  success: themeColour('--ui-success', '#1e6b3a'),
  danger: themeColour('--ui-danger', '#a12828'),
})

const textStyle = () => ({ color: colours().text, fontFamily: 'system-ui, sans-serif' })
// Rich-text tooltips: ECharts' HTML ones carry inline style attributes, which the site's policy refuses.
const tooltip = (formatter: (value: number) => string) => ({
  trigger: 'axis' as const,
  axisPointer: { type: 'shadow' as const },
  renderMode: 'richText' as const,
  valueFormatter: (value: unknown) => (typeof value === 'number' ? formatter(value) : '—'),
})

export type BarSeries = { name: string; values: (number | null)[]; colour?: string }

/** Horizontal bars, one row per category (names read better down the side than under the bars). */
export function horizontalBars(
  categories: string[],
  series: BarSeries[],
  format: (value: number) => string,
  opts: { stacked?: boolean; max?: number } = {},
): Option {
  const c = colours()
  return {
    animation: false,
    textStyle: textStyle(),
    tooltip: tooltip(format),
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    xAxis: {
      type: 'value',
      max: opts.max,
      axisLabel: { color: c.muted, formatter: (v: number) => format(v), hideOverlap: true },
      splitLine: { lineStyle: { color: c.border } },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: categories,
      axisLabel: { color: c.text, width: 120, overflow: 'truncate' },
      axisLine: { lineStyle: { color: c.border } },
      axisTick: { show: false },
    },
    series: series.map((s) => ({
      type: 'bar',
      name: s.name,
      data: s.values,
      stack: opts.stacked ? 'all' : undefined,
      barMaxWidth: 28,
      itemStyle: { color: s.colour ?? c.accent, borderRadius: opts.stacked ? 0 : [0, 4, 4, 0] },
    })),
  }
}

/** Vertical bars over a row of labels (the days of a period). */
export function columnBars(
  labels: string[],
  values: (number | null)[],
  name: string,
  format: (v: number) => string,
): Option {
  const c = colours()
  return {
    animation: false,
    textStyle: textStyle(),
    tooltip: tooltip(format),
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: labels,
      axisLabel: { color: c.muted, hideOverlap: true },
      axisLine: { lineStyle: { color: c.border } },
      axisTick: { show: false },
    },
    yAxis: {
      type: 'value',
      axisLabel: { color: c.muted, formatter: (v: number) => format(v) },
      splitLine: { lineStyle: { color: c.border } },
    },
    series: [
      {
        type: 'bar',
        name,
        data: values,
        barMaxWidth: 24,
        itemStyle: { color: c.accent, borderRadius: [4, 4, 0, 0] },
      },
    ],
  }
}

/** Weekday × hour cells: minutes booked, darker where more. */
export function heatmap(
  weekdays: string[],
  hourLabels: string[],
  cells: [number, number, number][],
  name: string,
  format: (v: number) => string,
): Option {
  const c = colours()
  const max = Math.max(1, ...cells.map((cell) => cell[2]))
  return {
    animation: false,
    textStyle: textStyle(),
    tooltip: {
      trigger: 'item',
      renderMode: 'richText',
      formatter: (p: { value: [number, number, number] }) =>
        `${weekdays[p.value[1]]}, ${hourLabels[p.value[0]]}: ${format(p.value[2])}`,
    },
    grid: { left: 8, right: 8, top: 8, bottom: 56, containLabel: true },
    xAxis: {
      type: 'category',
      data: hourLabels,
      splitArea: { show: true },
      axisLabel: { color: c.muted, hideOverlap: true },
      axisTick: { show: false },
    },
    yAxis: {
      type: 'category',
      data: weekdays,
      inverse: true,
      splitArea: { show: true },
      axisLabel: { color: c.text },
      axisTick: { show: false },
    },
    visualMap: {
      min: 0,
      max,
      calculable: false,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemHeight: 160,
      itemWidth: 12,
      text: [format(max), format(0)],
      textStyle: { color: c.muted },
      inRange: { color: [c.accentSoft, c.accent] },
    },
    series: [
      {
        type: 'heatmap',
        name,
        data: cells,
        itemStyle: { borderColor: '#fff', borderWidth: 1 },
      },
    ],
  }
}
