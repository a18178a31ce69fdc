function pick(text, box) {
  const n = parseInt(text);
  if (n == 0 && box.start < box.end) {
    return Math.floor(box.end / 2);
  }
  return text.indexOf('x') !== -1;
}
module.exports = { pick };
