// Words of the first steps of booking: services, specialist, time (web/src/pages/booking/*Step.vue), in Russian.
export default {}
