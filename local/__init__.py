"""The local runtime, dev-only and never deployed: emulators, provisioning and a Functions host."""
