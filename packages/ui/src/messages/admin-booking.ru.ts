// Words of the admin panel's booking dialogs (web/src/admin/booking/), in Russian.
export default {
  title: 'Запись',
}
