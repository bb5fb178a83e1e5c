"""Households of a synthetic Netherlands and what each source registers about them.

Households are made one after another, each person with the next BSN, so every source
file comes out sorted by BSN without sorting. Benefit recipients (bijstand) are given,
with set chances, the overlaps the services exist to find: a job started during the
benefit, a detention, a fugitive sentence, an expensive car, higher education with study
finance, a partner moving in, savings, a benefit from another gemeente or from UWV.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from shared.validation.identifiers import gemeenten
from synth import identifiers as ids

CHANCES = {
    "baan_tijdens_uitkering": 0.04,
    "detentie": 0.005,
    "voortvluchtig": 0.002,
    "dure_auto": 0.01,
    "studie": 0.012,
    "partner_trekt_in": 0.02,
    "spaargeld": 0.02,
    "uitkering_andere_gemeente": 0.005,
    "ww": 0.02,
    "doelgroepregister": 0.03,
    "heffingskorting": 0.015,
    "woont_in_bij_ander_huishouden": 0.015,
    "vier_wekelijks_loon": 0.15,
}
"""Chance per benefit recipient of each overlap (the signals the services look for)."""

KANS_WLZ = 0.05
"""Share of persons past the AOW age with a Wlz-indicatie (CIZ): synthetic, not a figure."""

AANDEEL_AIO = 0.08
"""Share of benefit recipients past the AOW age (AIO), the others are 21 to 66."""

JONGERENPROFIELEN = {
    "startkwalificatie": 40,
    "schoolgaand": 15,
    "niets": 12,
    "weinig_werk": 8,
    "werk": 6,
    "werk_en_uitkering": 4,
    "uitkering": 5,
    "ziektewet": 3,
    "baan_begint": 4,
    "baan_eindigt": 3,
}
"""What a young person of 16 to 27 does (relative weights): most have a startkwalificatie or
are at school; the others left school without one and have nothing, a job of a few hours
(below the VSV threshold) or more, a job and a benefit, only a benefit, Ziektewet, or a job
that begins or ends in the last month (the transitions the daily signals report)."""

BIG_CITIES = {"0363": 12, "0599": 9, "0518": 8, "0344": 6, "0772": 4}
"""Relative weights for the largest gemeenten; every other gemeente weighs 1."""


@dataclass
class Persoon:
    bsn: str
    geboortedatum: date
    gemeente: str
    postcode: str
    huisnummer: int
    toevoeging: str | None = None
    records: dict[str, list[dict[str, object]]] = field(default_factory=dict)

    def add(self, bron: str, **values: object) -> None:
        self.records.setdefault(bron, []).append({"bsn": self.bsn, **values})


@dataclass
class Bijstand:
    """A municipal benefit: the row of the gemeente's delivery file."""

    bsn: str
    gemeente: str
    regeling: str
    begindatum: date
    einddatum: date | None
    partner_bsn: str | None
    iban: str
    postcode: str
    huisnummer: int


@dataclass
class Huishouden:
    leden: list[Persoon]
    bijstand: Bijstand | None


def _months_back(peildatum: date, count: int) -> list[date]:
    first = peildatum.replace(day=1)
    months = []
    for _ in range(count):
        months.append(first)
        first = (first - timedelta(days=1)).replace(day=1)
    return months[::-1]


KANS_CORRECTIE = 0.1
"""Share of jobs with one loontijdvak corrected later (a second opgave of that tijdvak)."""
KANS_EINDEJAARSUITKERING = 0.2
"""Share of jobs paying a year-end payment in December (8.33%, bijzonder tarief)."""


class Wereld:
    def __init__(self, seed: int, peildatum: date, maanden: int = 12) -> None:
        """`maanden`: how many months of income, benefits and allowances up to the peildatum
        (36 for services that look back three years, such as the individuele
        inkomenstoeslag)."""
        self.rng = random.Random(seed)
        self.peildatum = peildatum
        self.bsns = ids.BsnReeks(20_000_000 + (seed % 1000) * 10_000)
        codes = [g.code for g in gemeenten() if g.geldig_tot is None]
        self.gemeenten = codes
        self.weights = [BIG_CITIES.get(code, 1) for code in codes]
        self.months = _months_back(peildatum, maanden)
        self.last_address: tuple[str, str, int, str | None] | None = None

    def _date_between(self, start: date, end: date) -> date:
        return start + timedelta(days=self.rng.randrange(max(1, (end - start).days)))

    def _person(
        self, age_from: int, age_to: int, address: tuple[str, str, int, str | None]
    ) -> Persoon:
        born = self.peildatum - timedelta(days=self.rng.randrange(age_from * 365, age_to * 365))
        return Persoon(self.bsns.next(), born, *address)

    def huishoudens(self, aantal: int, aandeel_bijstand: float) -> Iterator[Huishouden]:
        for _ in range(aantal):
            yield self.huishouden(self.rng.random() < aandeel_bijstand)

    def huishouden(self, bijstand: bool) -> Huishouden:
        rng = self.rng
        address = self._address()
        if (
            bijstand
            and self.last_address
            and rng.random() < CHANCES["woont_in_bij_ander_huishouden"]
        ):
            address = self.last_address  # a kostendeler: another household lives there
        self.last_address = address
        soort = rng.choices(("alleen", "paar", "gezin", "eenouder"), (45, 25, 20, 10))[0]
        pensioner = rng.random() < (AANDEEL_AIO if bijstand else 0.3)
        head = self._person(*((67, 90) if pensioner else (21, 67)), address)
        leden = [head]
        partner = None
        if soort in ("paar", "gezin"):
            age = (self.peildatum - head.geboortedatum).days // 365
            partner = self._person(max(21, age - 5), age + 5, address)
            leden.append(partner)
        kinderen = []
        if soort in ("gezin", "eenouder"):
            kinderen = [self._person(0, 18, address) for _ in range(rng.randint(1, 3))]
            leden += kinderen
        for persoon in leden:
            self._brp(persoon)
        if partner is not None:
            since = self._date_between(date(2000, 1, 1), self.peildatum)
            head.add(
                "brp-relaties",
                begindatum=since,
                einddatum=None,
                soort="partner",
                relatie_bsn=partner.bsn,
            )
            partner.add(
                "brp-relaties",
                begindatum=since,
                einddatum=None,
                soort="partner",
                relatie_bsn=head.bsn,
            )
        for kind in kinderen:
            for ouder in (head, partner) if partner else (head,):
                ouder.add(
                    "brp-relaties",
                    begindatum=kind.geboortedatum,
                    einddatum=None,
                    soort="kind",
                    relatie_bsn=kind.bsn,
                )
        adults = [p for p in leden if p not in kinderen]
        for persoon in adults:
            self._financial(persoon, working=not bijstand and rng.random() < 0.7, bijstand=bijstand)
        if bijstand and partner is not None:  # a joint account: the partner's first is the head's
            partner.records["bd-rekeningen"][0]["iban"] = head.records["bd-rekeningen"][0]["iban"]
        uitkering = self._bijstand(head, partner) if bijstand else None
        if kinderen:
            head.add(
                "uitkeringen",
                begindatum=min(k.geboortedatum for k in kinderen),
                einddatum=None,
                instantie="SVB",
                regeling="KINDERBIJSLAG",
                bedrag_per_maand_cent=rng.randrange(9000, 30000),
            )
        if uitkering is not None:
            self._overlaps(head, uitkering)
        for persoon in leden:
            for bron in persoon.records:
                persoon.records[bron].sort(
                    key=lambda r: str(r.get("begindatum") or r.get("periode") or "")
                )
        return Huishouden(leden, uitkering)

    def jongeren(self, aantal: int) -> Iterator[Huishouden]:
        for _ in range(aantal):
            yield self.jongere()

    def jongere(self) -> Huishouden:
        """A young person of 16 to 27 living on an address of his own, with a VSV profile
        (`JONGERENPROFIELEN`): who and where from the world's generator, what he does from
        one of his own. Drawn after the households, they leave those as they were."""
        persoon = self._person(16, 27, self._address())
        rng = random.Random(f"jongere-{persoon.bsn}")
        profiel = rng.choices(list(JONGERENPROFIELEN), list(JONGERENPROFIELEN.values()))[0]
        self._brp(persoon)
        laatste = self.months[-1]
        school = persoon.geboortedatum + timedelta(days=12 * 365)
        brin = f"{rng.randrange(10, 100)}{rng.choice('ABCDEFGH')}{rng.choice('ABCDEFGH')}"
        if profiel == "startkwalificatie":
            behaald = persoon.geboortedatum + timedelta(days=rng.randrange(17 * 365, 20 * 365))
            persoon.add("duo-startkwalificaties", behaald_op=min(behaald, self.peildatum))
            return Huishouden([persoon], None)
        uitgeschreven = None if profiel == "schoolgaand" else self.months[0]
        persoon.add(
            "duo-inschrijvingen",
            begindatum=school,
            einddatum=uitgeschreven,
            onderwijssoort=rng.choice(("VO", "MBO")),
            brin=brin,
        )
        if profiel in ("weinig_werk", "werk", "werk_en_uitkering", "baan_begint", "baan_eindigt"):
            loon = (
                rng.randrange(58000, 160000) if profiel == "werk" else rng.randrange(15000, 57999)
            )
            maanden = [laatste] if profiel == "baan_begint" else self.months
            einde = laatste + timedelta(days=14) if profiel == "baan_eindigt" else None
            werkgever = f"{rng.randrange(10**8, 10**9)}L01"
            for maand in maanden:
                self._opgave(
                    persoon, maanden[0], maand, werkgever, loon, uren=f"{rng.randrange(8, 60)}.00"
                )
                persoon.records["uwv-polis"][-1]["einddatum"] = einde
        if profiel in ("werk_en_uitkering", "uitkering"):
            if rng.random() < 0.5:
                persoon.add(
                    "gemeenten-uitkeringen",
                    begindatum=self.months[0],
                    einddatum=None,
                    gemeentecode=persoon.gemeente,
                    regeling="PW",
                )
            else:
                regeling = rng.choice(("WW", "WAJONG"))
                bedrag = rng.randrange(50000, 120000)
                persoon.add(
                    "uitkeringen", begindatum=self.months[0], einddatum=None, instantie="UWV",
                    regeling=regeling, bedrag_per_maand_cent=bedrag,
                )  # fmt: skip
        if profiel == "ziektewet":
            persoon.add(
                "uitkeringen", begindatum=self.months[0], einddatum=None, instantie="UWV",
                regeling="ZW", bedrag_per_maand_cent=rng.randrange(60000, 120000),
            )  # fmt: skip
        if rng.random() < 0.1:  # not statutory: a share of the synthetic world
            persoon.add("doelgroepregister", begindatum=self.months[0], einddatum=None)
        for bron in persoon.records:
            persoon.records[bron].sort(
                key=lambda r: str(r.get("begindatum") or r.get("periode") or "")
            )
        return Huishouden([persoon], None)

    def _address(self) -> tuple[str, str, int, str | None]:
        """A new home; one in ten in a building whose homes share postcode and huisnummer and
        differ by toevoeging, so the one before may be a neighbour at "12-1" of "12-2"."""
        rng = self.rng
        if self.last_address and self.last_address[3] and rng.random() < 0.5:
            gemeente, postcode, nr, toevoeging = self.last_address
            return gemeente, postcode, nr, str(int(toevoeging or "0") + 1)
        gemeente = rng.choices(self.gemeenten, self.weights)[0]
        toevoeging = "1" if rng.random() < 0.1 else None
        return gemeente, ids.postcode(rng), rng.randrange(1, 250), toevoeging

    def _brp(self, persoon: Persoon) -> None:
        persoon.add(
            "brp-personen",
            geboortedatum=persoon.geboortedatum,
            overlijdensdatum=None,
            land="NL",
            gemeentecode=persoon.gemeente,
            postcode=persoon.postcode,
            huisnummer=persoon.huisnummer,
            huisletter=None,
            huisnummertoevoeging=persoon.toevoeging,
            adres_sinds=self._date_between(persoon.geboortedatum, self.peildatum),
        )

    def _bijstand(self, head: Persoon, partner: Persoon | None) -> Bijstand:
        begin = self._date_between(date(2020, 1, 1), self.peildatum - timedelta(days=30))
        ended = self.rng.random() < 0.1
        return Bijstand(
            bsn=head.bsn,
            gemeente=head.gemeente,
            regeling="AIO"
            if (self.peildatum - head.geboortedatum).days >= 67 * 365
            else self.rng.choices(("PW", "IOAW", "IOAZ", "BBZ"), (92, 4, 1, 3))[0],
            begindatum=begin,
            einddatum=self._date_between(begin, self.peildatum) if ended else None,
            partner_bsn=partner.bsn if partner else None,
            iban=str(head.records["bd-rekeningen"][0]["iban"]),  # the account it is paid to
            postcode=head.postcode,
            huisnummer=head.huisnummer,
        )

    def _financial(self, persoon: Persoon, *, working: bool, bijstand: bool) -> None:
        rng = self.rng
        age = (self.peildatum - persoon.geboortedatum).days // 365
        if age >= 67:
            begin = persoon.geboortedatum + timedelta(days=67 * 365)
            aow = rng.randrange(100000, 160000)
            persoon.add(
                "uitkeringen",
                begindatum=begin,
                einddatum=None,
                instantie="SVB",
                regeling="AOW",
                bedrag_per_maand_cent=aow,
            )
            self._uitkering_in_polis(persoon, "SVB", begin, aow)
            self._wlz(persoon)
        elif working:
            self._job(persoon, self.months, rng.randrange(150000, 600000))
        accounts = (97, 2.5, 0.5) if bijstand else (60, 30, 10)
        for _ in range(rng.choices((1, 2, 3), accounts)[0]):
            soort = rng.choices(("betaalrekening", "spaarrekening"), (70, 30))[0]
            saldo = rng.randrange(-50000, 300000) if not bijstand else rng.randrange(0, 400000)
            persoon.add(
                "bd-rekeningen",
                iban=ids.iban(rng),
                soort=soort,
                peildatum=date(self.peildatum.year - 1, 12, 31),
                saldo_cent=saldo,
                rente_cent=max(0, saldo) // 100,
            )
        persoon.add(
            "bd-inkomen",
            jaar=self.peildatum.year - 1,
            box1_cent=rng.randrange(0, 8_000_000),
            heffingskortingen_cent=0
            if bijstand and rng.random() > CHANCES["heffingskorting"]
            else rng.randrange(0, 500_000),
            box3_grondslag_cent=0,
        )
        if bijstand or rng.random() < 0.3:
            for month in self.months:
                persoon.add(
                    "bd-toeslagen",
                    toeslag="zorgtoeslag",
                    periode=month.strftime("%Y-%m"),
                    bedrag_cent=rng.randrange(9000, 13000),
                )
        if rng.random() < (0.015 if bijstand else 0.35):
            self._car(persoon, rng.randrange(1_500_000, 4_000_000))
        if age < 30 and rng.random() < 0.6:
            behaald = persoon.geboortedatum + timedelta(days=rng.randrange(17 * 365, 21 * 365))
            if behaald < self.peildatum:
                persoon.add("duo-startkwalificaties", behaald_op=behaald)

    def _job(self, persoon: Persoon, months: list[date], salary: int) -> None:
        rng = self.rng
        employer = f"{rng.randrange(10**8, 10**9)}L{rng.randrange(1, 100):02d}"
        vier_weken = rng.random() < CHANCES["vier_wekelijks_loon"]
        per_tijdvak = salary * 12 // 13 if vier_weken else salary
        auto = rng.randrange(20000, 60000) if rng.random() < 0.05 else 0
        loontijdvak = "vier_weken" if vier_weken else "maand"
        for month in months:
            vakantiegeld = salary * 12 * 8 // 100 if month.month == 5 else 0
            self._opgave(
                persoon,
                months[0],
                month,
                employer,
                per_tijdvak,
                loontijdvak=loontijdvak,
                vakantiegeld=vakantiegeld,
                prive_auto=auto,
                uren=f"{rng.randrange(40, 174)}.00",
            )
        later = (employer, per_tijdvak, loontijdvak, auto, salary * 12 * 8 // 100)
        self._later_opgaven(persoon, months, *later)

    def _later_opgaven(
        self,
        persoon: Persoon,
        months: list[date],
        employer: str,
        per_tijdvak: int,
        loontijdvak: str,
        auto: int,
        vakantiegeld: int,
    ) -> None:
        """Opgaven sent again for a tijdvak already declared: a correction of the wage, or
        December again with a year-end payment. From a generator of their own, so the rest
        of the world is the same with or without them."""
        rng = random.Random(f"inkomen-{persoon.bsn}-{employer}")
        if rng.random() < KANS_CORRECTIE:
            month = rng.choice(months)
            gecorrigeerd = per_tijdvak * rng.randrange(90, 111) // 100
            self._opgave(
                persoon, months[0], month, employer, gecorrigeerd, loontijdvak=loontijdvak,
                vakantiegeld=vakantiegeld if month.month == 5 else 0,
                prive_auto=auto, uren=f"{rng.randrange(40, 174)}.00",
            )  # fmt: skip
        december = [m for m in months if m.month == 12]
        if december and rng.random() < KANS_EINDEJAARSUITKERING:
            self._opgave(
                persoon, months[0], december[-1], employer, per_tijdvak, loontijdvak=loontijdvak,
                eenmalig=per_tijdvak * 12 * 833 // 10000, prive_auto=auto,
                uren=f"{rng.randrange(40, 174)}.00",
            )  # fmt: skip

    def _uitkering_in_polis(
        self, persoon: Persoon, instantie: str, begin: date, bedrag: int
    ) -> None:
        """A UWV or SVB benefit is paid through the loonaangifte too: in the polis as well."""
        payer = "8" * 9 + ("L01" if instantie == "UWV" else "L02")
        for month in self.months:
            if month >= begin.replace(day=1):
                self._opgave(persoon, begin, month, payer, bedrag, instantie=instantie)

    def _opgave(
        self,
        persoon: Persoon,
        begin: date,
        month: date,
        loonheffingennummer: str,
        loon: int,
        *,
        loontijdvak: str = "maand",
        instantie: str | None = None,
        vakantiegeld: int = 0,
        eenmalig: int = 0,
        prive_auto: int = 0,
        uren: str = "0.00",
    ) -> None:
        """One inkomstenopgave, with withholdings of a plausible size (not a tax calculation)."""
        tijdvak_einde = (
            month + timedelta(days=28)
            if loontijdvak == "vier_weken"
            else (month + timedelta(days=32)).replace(day=1)
        )
        lb = (loon + prive_auto) * 18 // 100
        lb_bijzonder = (vakantiegeld + eenmalig) * 37 // 100
        persoon.add(
            "uwv-polis",
            begindatum=begin,
            einddatum=None,
            periode=month.strftime("%Y-%m"),
            loontijdvak=loontijdvak,
            tijdvak_begin=month,
            tijdvak_einde=tijdvak_einde,
            loonheffingennummer=loonheffingennummer,
            soort_inkomen="uitkering" if instantie else "dienstbetrekking",
            uitkeringsinstantie=instantie,
            loon_sv_cent=loon,
            loon_lb_cent=loon + prive_auto,
            vakantiegeld_cent=vakantiegeld,
            eenmalig_cent=eenmalig,
            ingehouden_lb_cent=lb + lb_bijzonder,
            ingehouden_lb_bijzonder_cent=lb_bijzonder,
            zvw_inhouding_cent=loon * 5 // 100 if instantie else 0,
            wga_premie_cent=0 if instantie else loon * 6 // 1000,
            prive_auto_cent=prive_auto,
            vrijgesteld_cent=0,
            verloonde_uren=uren,
        )

    def _car(self, persoon: Persoon, price: int) -> None:
        first = self._date_between(date(2005, 1, 1), self.peildatum)
        persoon.add(
            "rdw-voertuigen",
            kenteken=ids.kenteken(self.rng),
            merk=self.rng.choice(("Volkswagen", "Toyota", "Kia", "Peugeot", "BMW", "Tesla")),
            catalogusprijs_cent=price,
            datum_eerste_toelating=first,
            tenaamstelling_sinds=self._date_between(first, self.peildatum),
        )

    def _wlz(self, persoon: Persoon) -> None:
        """Some pensioners hold a Wlz-indicatie. A generator of its own, seeded by the BSN, so
        the rest of the world stays what it was before the source existed."""
        rng = random.Random(f"wlz-{persoon.bsn}")
        if rng.random() < KANS_WLZ:
            vanaf = max(persoon.geboortedatum + timedelta(days=70 * 365), self.months[0])
            dagen = max(1, (self.peildatum - vanaf).days)
            persoon.add(
                "ciz-wlz-indicaties",
                begindatum=vanaf + timedelta(days=rng.randrange(dagen)),
                einddatum=None,
                zorgprofiel=rng.choice(("VV4", "VV5", "VV6", "LG3")),
            )

    def _overlaps(self, head: Persoon, uitkering: Bijstand) -> None:
        rng, begin = self.rng, uitkering.begindatum
        during = [m for m in self.months if m >= begin]
        if during and rng.random() < CHANCES["baan_tijdens_uitkering"]:
            self._job(head, during[rng.randrange(len(during)) :], rng.randrange(80000, 250000))
        if rng.random() < CHANCES["detentie"]:
            start = self._date_between(begin, self.peildatum)
            head.add(
                "dji-detenties",
                begindatum=start,
                einddatum=None,
                land=rng.choice(("NL", "NL", "DE", "BE")),
            )
        if rng.random() < CHANCES["voortvluchtig"]:
            head.add("cjib-voortvluchtigen", sinds=self._date_between(begin, self.peildatum))
        if rng.random() < CHANCES["dure_auto"]:
            self._car(head, rng.randrange(4_500_000, 12_000_000))
        if rng.random() < CHANCES["studie"]:
            start = self._date_between(begin, self.peildatum)
            head.add(
                "duo-inschrijvingen",
                begindatum=start,
                einddatum=None,
                onderwijssoort=rng.choice(("HBO", "WO")),
                brin=f"{rng.randrange(10, 100)}{rng.choice('ABCDEFGH')}{rng.choice('ABCDEFGH')}",
            )
            head.add("duo-studiefinanciering", begindatum=start, einddatum=None, soort="lening")
        if rng.random() < CHANCES["partner_trekt_in"] and uitkering.partner_bsn is None:
            head.add(
                "brp-relaties",
                begindatum=self._date_between(begin, self.peildatum),
                einddatum=None,
                soort="partner",
                relatie_bsn=self.bsns.next(),
            )
        if rng.random() < CHANCES["spaargeld"]:
            head.add(
                "bd-rekeningen",
                iban=ids.iban(rng),
                soort="spaarrekening",
                peildatum=date(self.peildatum.year - 1, 12, 31),
                saldo_cent=rng.randrange(2_000_000, 9_000_000),
                rente_cent=rng.randrange(20_000, 200_000),
            )
        if rng.random() < CHANCES["uitkering_andere_gemeente"]:
            other = rng.choice([g for g in self.gemeenten[:50] if g != uitkering.gemeente])
            head.add(
                "gemeenten-uitkeringen",
                begindatum=self._date_between(begin, self.peildatum),
                einddatum=None,
                gemeentecode=other,
                regeling="PW",
            )
        if rng.random() < CHANCES["doelgroepregister"]:
            head.add(
                "doelgroepregister",
                begindatum=self._date_between(date(2015, 1, 1), begin),
                einddatum=None,
            )
        if rng.random() < CHANCES["ww"]:
            start, bedrag = self._date_between(begin, self.peildatum), rng.randrange(100000, 250000)
            head.add(
                "uitkeringen",
                begindatum=start,
                einddatum=None,
                instantie="UWV",
                regeling="WW",
                bedrag_per_maand_cent=bedrag,
            )
            self._uitkering_in_polis(head, "UWV", start, bedrag)
