"""The individuele inkomenstoeslag (Participatiewet art. 36): the gemeente's verordening and
the real-time toets."""
