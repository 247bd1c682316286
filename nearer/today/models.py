# Today keeps nothing of its own: its cards come from the rituals (nearer.lib.rituals)
# and its rendered pages are kept by nearer.keptpages.
