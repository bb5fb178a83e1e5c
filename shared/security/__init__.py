"""Who is calling, for which organisation, and may they: tokens, access rules, the audit log."""
