/**
 * The Bylines field's type-ahead. A `<datalist>` matches the whole field, so once one author is typed it would
 * offer nothing for the next; this rewrites its options as "what is typed so far, " + each author not yet named,
 * so the browser's own list completes the entry after the last comma. Without JavaScript the list still
 * completes the first entry, and the field takes names or slugs typed by hand.
 */
export const suggestBylines = (input: HTMLInputElement, list: HTMLDataListElement): void => {
  const choices = [...list.options].map((o) => o.value);
  const update = (): void => {
    const cut = input.value.lastIndexOf(',');
    const before = cut < 0 ? '' : `${input.value.slice(0, cut + 1)} `.replace(/\s+$/, ' ');
    const named = new Set(
      input.value
        .slice(0, Math.max(cut, 0))
        .split(',')
        .map((entry) => entry.trim().toLowerCase()),
    );
    const typed = input.value
      .slice(cut + 1)
      .trim()
      .toLowerCase();
    const options = choices
      .filter((c) => !named.has(c.toLowerCase()) && c.toLowerCase().includes(typed))
      .slice(0, 20)
      .map((c) => {
        const option = document.createElement('option');
        option.value = before + c;
        return option;
      });
    list.replaceChildren(...options);
  };
  input.addEventListener('input', update);
};
