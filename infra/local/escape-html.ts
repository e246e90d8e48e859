/** Text as HTML that shows it and never runs it: the local pages build their markup as strings. */
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
