import { createEffect, on } from "solid-js";

/**
 * Keeps a native modal `<dialog>` shown while `open()` says so: the browser traps focus in it,
 * closes it on Escape and gives focus back. Each opening starts from a blank form (`reset`).
 */
export function showWhileOpen(open: () => boolean, dialog: () => HTMLDialogElement, reset: () => void) {
  createEffect(
    on(open, (isOpen) => {
      const element = dialog();
      if (isOpen && !element.open) {
        reset();
        element.showModal();
      } else if (!isOpen && element.open) element.close();
    }),
  );
}
