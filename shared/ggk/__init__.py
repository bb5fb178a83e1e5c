"""Gemeentelijk Gegevensknooppunt: the iWmo/iJw message hub between gemeenten and care
providers (through VECOZO). Envelopes are checked in layers; a valid message lands in its
receiver's postbus until the receiver acknowledges it; a refusal is a Fo01 in the sender's."""
