// Words of the admin panel's overrides screens (web/src/admin/overrides/), in Russian.
export default {
  title: 'Исключения в графике',
}
