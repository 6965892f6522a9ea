// Words of the admin panel's journal screens (web/src/admin/journal/), in Russian.
export default {
  title: 'Журнал записи',
}
