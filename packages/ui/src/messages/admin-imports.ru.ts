// Words of the admin panel's imports screens (web/src/admin/imports/), in Russian.
export default {
  title: 'Импорт календарей',
}
