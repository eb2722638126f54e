# A stray message while the main menu is just above: a short pointer, not another copy of it.
unexpected-text-menu-above = Не понял сообщение. Разделы — в меню выше ⬆️
unexpected-media-menu-above = Файлы и стикеры здесь не нужны. Разделы — в меню выше ⬆️
