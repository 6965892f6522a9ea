// Words of the admin panel's jobs screens (web/src/admin/jobs/), in Russian.
export default {
  title: 'Массовые изменения',
}
