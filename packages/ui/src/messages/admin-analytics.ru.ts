// Words of the admin panel's analytics screens (web/src/admin/analytics/), in Russian.
export default {
  title: 'Аналитика',
}
