// Words of the admin panel (web/src/admin/), in Russian.
export default {}
