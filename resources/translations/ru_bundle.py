"""Russian for the texts the bundle's work adds to the window (About's version line)."""

RU = {
    "Version {version}": "Версия {version}",
}
