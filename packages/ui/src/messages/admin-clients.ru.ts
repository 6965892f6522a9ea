// Words of the admin panel's clients screens (web/src/admin/clients/), in Russian.
export default {
  title: 'Клиенты',
}
