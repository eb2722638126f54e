# A stray message while the main menu is just above: a short pointer, not another copy of it.
unexpected-text-menu-above = I didn't understand that. The sections are in the menu above ⬆️
unexpected-media-menu-above = Files and stickers aren't needed here. The sections are in the menu above ⬆️
