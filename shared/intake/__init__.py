"""The generic file-intake pipeline every blob-triggered service uses."""
