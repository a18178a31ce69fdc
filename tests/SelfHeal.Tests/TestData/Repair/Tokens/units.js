const SECOND = 1000;
const MINUTE = 60 * SECOND;

function toMillis(unit) {
  switch (unit) {
    case "s": case "sec": return SECOND;
    default: throw new Error("unit");
  }
}
module.exports = { toMillis };
