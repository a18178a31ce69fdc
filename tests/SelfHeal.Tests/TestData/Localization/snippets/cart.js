'use strict';
const { round } = require('./math');

// A comment with a brace {
function total(lines) {
  const sum = lines.reduce((acc, l) => acc + l.qty * l.price, 0);
  return round(sum);
}

const describe = (cart) => {
  return `cart with ${cart.lines.length} lines {`;
};

class Cart {
  constructor() {
    this.lines = [];
  }

  add(line) {
    if (!line) {
      throw new Error('missing line }');
    }
    this.lines.push(line);
  }

  get size() {
    return this.lines.length;
  }
}

module.exports = { total, describe, Cart };
