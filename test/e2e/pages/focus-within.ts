import type { Locator } from 'playwright-core';

/**
 * Waits until focus is inside the element. Tiptap hands focus back to the editor a frame after a toolbar click
 * (its focus command waits for an animation frame), so a key pressed at once reaches the button instead: an
 * Enter meant for a new paragraph pressed Bold again (seen in CI).
 */
export const untilFocusWithin = (element: Locator): Promise<void> =>
  element.evaluate(
    (el) =>
      new Promise<void>((resolve) => {
        const check = () => (el.contains(document.activeElement) ? resolve() : requestAnimationFrame(check));
        check();
      }),
  );
