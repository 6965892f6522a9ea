// Words of the admin panel's schedules screens (web/src/admin/schedules/), in Russian.
export default {
  title: 'Графики работы',
}
