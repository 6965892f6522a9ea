// Words of the admin panel's catalogue screens (web/src/admin/catalogue/), in Russian.
export default {
  title: 'Каталог',
}
