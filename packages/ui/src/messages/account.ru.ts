// Words of the client's account: bookings, wallet, packages, profile (web/src/pages/account/), in Russian.
export default {}
