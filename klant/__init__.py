"""A municipal system's client of the IB-Next file channel.

    python -m klant upload --dienst kwijtschelding --bestand aanvragen.csv [--organisatie GM0363]
    python -m klant terugmelding <aanlevering-id>

It asks the API for an upload grant, writes the file with the grant's SAS URL (with a
progress bar), follows the delivery until it is processed and downloads its feedback
report. See `klant.cli` for the token it uses.
"""
