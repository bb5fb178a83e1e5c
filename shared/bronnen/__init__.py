"""The source registrations: their files, intake, snapshots and access for services."""
