"""The processing log in the shape of the Logboek Dataverwerkingen, and its register of
processing activities (verwerkingsactiviteiten)."""
