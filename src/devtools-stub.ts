// Ink imports react-devtools-core only when DEV=true; the bundle aliases it here so that a
// missing optional package can never break start-up.
export default {initialize() {}, connectToDevTools() {}};
