/**
 * A number with its thousands grouped by commas, "12,345", as English and Japanese pages both print counts. Written
 * out rather than asked of Intl: the first NumberFormat (a toLocaleString) maps some 6 MB of ICU into the process for
 * its whole life, and the module-level messages that print limits would make every process pay it at load (record
 * 0030, "Later: dates without ICU").
 */
export const groupDigits = (value: number): string => {
  const text = String(Math.abs(value));
  // Beyond 1e21 String() writes an exponent, and NaN and Infinity have no digits to group.
  if (!/^\d+(\.\d+)?$/.test(text)) return value.toLocaleString('en-US');
  const [whole, fraction] = text.split('.') as [string, string | undefined];
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, ',');
  return `${value < 0 ? '-' : ''}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
};
