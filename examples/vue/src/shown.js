// Text from a card is rendered as text (React escapes it), and what could lie to a reviewer is
// made visible: a control, bidirectional or zero-width character (the card's
// TEXT_CONTROL_CHARACTER / TEXT_ZERO_WIDTH findings) becomes ⟦U+202E⟧, so a right-to-left
// override cannot show the rest of a name reversed.
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/g;
export const shown = (text) => text.replace(HIDDEN, (c) => `⟦U+${c.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}⟧`);
