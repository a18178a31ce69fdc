const pattern = /a<b/g;
const text = `${pattern} > ${'x < y'}`; // x < y
/* a == b */
export const ratio = 10 / 2 < 7;
