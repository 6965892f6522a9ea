// Words of the summary, logging in inside the flow and the outcome (web/src/pages/booking/), in Russian.
export default {}
