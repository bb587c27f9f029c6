"""The cities, countries and sites of the synthetic corpus: where planted operators post and move.

Each city carries the area codes local numbers are drawn from, the ways posters write its name
and the language mix of its market.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Country:
    """A market: its currency, the sites ads appear on and how often ads there are in Spanish."""

    code: str
    name: str
    currency: str
    sites: tuple[tuple[str, str], ...]  # (site name, host)
    spanish: float
    share: float  # share of all ads


@dataclass(frozen=True, slots=True)
class City:
    """A city ads are posted in; ``codes`` are the area codes (or fictional prefixes) of local numbers."""

    name: str
    region: str
    country: str
    codes: tuple[str, ...]
    weight: float = 1.0
    spanish: float | None = None  # overrides the country's share (US Spanish-speaking markets)
    aliases: tuple[str, ...] = ()
    region_name: str = ""


COUNTRIES: dict[str, Country] = {
    c.code: c
    for c in (
        Country("US", "USA", "USD", (("nightlist", "nightlist.com"), ("velvetboard", "velvetboard.com"),
                                     ("afterdarkads", "afterdarkads.com"), ("citycompanions", "citycompanions.com")), 0.0, 0.70),
        Country("CA", "Canada", "CAD", (("maplenights", "maplenights.ca"), ("nightlist", "ca.nightlist.ca")), 0.0, 0.05),
        Country("AU", "Australia", "AUD", (("ozdolls", "ozdolls.com.au"), ("nightlist", "nightlist.com.au")), 0.0, 0.06),
        Country("GB", "UK", "GBP", (("adultnook", "adultnook.co.uk"), ("velvetboard", "velvetboard.co.uk")), 0.0, 0.05),
        Country("ES", "España", "EUR", (("chicasdelujo", "chicasdelujo.es"), ("citasvip", "citasvip.es")), 0.93, 0.04),
        Country("MX", "México", "MXN", (("nochesvip", "nochesvip.com.mx"), ("citasmx", "citasmx.mx")), 0.96, 0.06),
        Country("CO", "Colombia", "COP", (("prepagoscol", "prepagoscol.com.co"), ("nochesvip", "co.nochesvip.com")), 0.97, 0.04),
    )
}

_C = City
CITIES: tuple[City, ...] = (
    _C("Las Vegas", "NV", "US", ("702", "725"), 3.0, aliases=("Vegas", "LV", "Las Vegas Strip", "vegas baby"), region_name="Nevada"),
    _C("Los Angeles", "CA", "US", ("213", "310", "323", "424", "818"), 3.0, 0.14, ("LA", "L.A.", "Hollywood", "San Fernando Valley"), "California"),
    _C("San Diego", "CA", "US", ("619", "858"), 1.5, 0.1, ("SD", "Gaslamp"), "California"),
    _C("San Francisco", "CA", "US", ("415", "628"), 1.5, aliases=("SF", "Bay Area"), region_name="California"),
    _C("Sacramento", "CA", "US", ("916", "279"), 0.8, aliases=("Sac town",), region_name="California"),
    _C("Fresno", "CA", "US", ("559",), 0.5, 0.12, region_name="California"),
    _C("Phoenix", "AZ", "US", ("602", "480", "623"), 2.0, 0.1, ("PHX", "Scottsdale", "Tempe"), "Arizona"),
    _C("Houston", "TX", "US", ("713", "281", "832", "346"), 3.0, 0.15, ("H-town", "HTX", "Galleria area"), "Texas"),
    _C("Dallas", "TX", "US", ("214", "469", "972"), 2.5, 0.1, ("DFW", "Big D"), "Texas"),
    _C("San Antonio", "TX", "US", ("210", "726"), 1.3, 0.2, ("SA", "Satx"), "Texas"),
    _C("Austin", "TX", "US", ("512", "737"), 1.2, aliases=("ATX",), region_name="Texas"),
    _C("El Paso", "TX", "US", ("915",), 0.6, 0.3, region_name="Texas"),
    _C("Miami", "FL", "US", ("305", "786"), 2.5, 0.25, ("MIA", "South Beach", "Brickell"), "Florida"),
    _C("Fort Lauderdale", "FL", "US", ("954", "754"), 1.0, 0.12, ("Ft Lauderdale", "Broward"), "Florida"),
    _C("Orlando", "FL", "US", ("407", "321"), 1.5, 0.1, ("O-town",), "Florida"),
    _C("Tampa", "FL", "US", ("813",), 1.2, 0.05, ("Tampa Bay",), "Florida"),
    _C("Jacksonville", "FL", "US", ("904",), 0.8, region_name="Florida"),
    _C("Atlanta", "GA", "US", ("404", "470", "678", "770"), 2.5, aliases=("ATL", "Buckhead"), region_name="Georgia"),
    _C("New York", "NY", "US", ("212", "646", "718", "917", "347", "929"), 3.0, 0.08, ("NYC", "Manhattan", "Queens", "Brooklyn"), "New York"),
    _C("Newark", "NJ", "US", ("973", "862"), 0.8, 0.06, ("North Jersey",), "New Jersey"),
    _C("Chicago", "IL", "US", ("312", "773", "872"), 2.5, 0.06, ("Chi-town", "CHI"), "Illinois"),
    _C("Denver", "CO", "US", ("303", "720"), 1.3, aliases=("Mile High",), region_name="Colorado"),
    _C("Seattle", "WA", "US", ("206",), 1.3, aliases=("SEA",), region_name="Washington"),
    _C("Portland", "OR", "US", ("503", "971"), 1.0, aliases=("PDX",), region_name="Oregon"),
    _C("Boston", "MA", "US", ("617", "857"), 1.2, region_name="Massachusetts"),
    _C("Philadelphia", "PA", "US", ("215", "267"), 1.3, aliases=("Philly",), region_name="Pennsylvania"),
    _C("Washington", "DC", "US", ("202",), 1.2, aliases=("DC", "DMV"), region_name="District of Columbia"),
    _C("Baltimore", "MD", "US", ("410", "443"), 0.9, region_name="Maryland"),
    _C("Detroit", "MI", "US", ("313",), 1.0, region_name="Michigan"),
    _C("Minneapolis", "MN", "US", ("612",), 0.9, aliases=("Twin Cities",), region_name="Minnesota"),
    _C("Nashville", "TN", "US", ("615", "629"), 1.0, aliases=("Music City",), region_name="Tennessee"),
    _C("Memphis", "TN", "US", ("901",), 0.6, region_name="Tennessee"),
    _C("New Orleans", "LA", "US", ("504",), 0.9, aliases=("NOLA", "French Quarter"), region_name="Louisiana"),
    _C("Charlotte", "NC", "US", ("704", "980"), 1.0, aliases=("CLT",), region_name="North Carolina"),
    _C("Salt Lake City", "UT", "US", ("801", "385"), 0.6, aliases=("SLC",), region_name="Utah"),
    _C("Albuquerque", "NM", "US", ("505",), 0.5, 0.15, ("ABQ",), "New Mexico"),
    _C("Columbus", "OH", "US", ("614",), 0.7, region_name="Ohio"),
    _C("Indianapolis", "IN", "US", ("317",), 0.7, aliases=("Indy",), region_name="Indiana"),
    _C("Kansas City", "MO", "US", ("816",), 0.6, aliases=("KC",), region_name="Missouri"),
    _C("St. Louis", "MO", "US", ("314",), 0.6, aliases=("STL",), region_name="Missouri"),
    _C("Oklahoma City", "OK", "US", ("405",), 0.5, aliases=("OKC",), region_name="Oklahoma"),
    _C("Reno", "NV", "US", ("775",), 0.5, region_name="Nevada"),
    _C("Honolulu", "HI", "US", ("808",), 0.5, aliases=("Waikiki",), region_name="Hawaii"),
    _C("Toronto", "ON", "CA", ("416", "647", "437"), 2.0, aliases=("GTA", "Downtown Toronto"), region_name="Ontario"),
    _C("Vancouver", "BC", "CA", ("604", "778"), 1.2, aliases=("Van",), region_name="British Columbia"),
    _C("Montreal", "QC", "CA", ("514", "438"), 1.2, aliases=("MTL",), region_name="Quebec"),
    _C("Calgary", "AB", "CA", ("403", "587"), 0.8, aliases=("YYC",), region_name="Alberta"),
    _C("Ottawa", "ON", "CA", ("613", "343"), 0.6, region_name="Ontario"),
    _C("Sydney", "NSW", "AU", ("2",), 2.0, aliases=("Sydney CBD", "Bondi"), region_name="New South Wales"),
    _C("Melbourne", "VIC", "AU", ("3",), 2.0, aliases=("Melb", "Melbourne CBD"), region_name="Victoria"),
    _C("Brisbane", "QLD", "AU", ("7",), 1.2, aliases=("Brissie",), region_name="Queensland"),
    _C("Gold Coast", "QLD", "AU", ("7",), 0.7, aliases=("Surfers Paradise",), region_name="Queensland"),
    _C("Perth", "WA", "AU", ("8",), 1.0, region_name="Western Australia"),
    _C("Adelaide", "SA", "AU", ("8",), 0.6, region_name="South Australia"),
    _C("London", "ENG", "GB", ("20",), 3.0, aliases=("Central London", "Mayfair", "Kensington"), region_name="England"),
    _C("Manchester", "ENG", "GB", ("161",), 1.2, region_name="England"),
    _C("Birmingham", "ENG", "GB", ("121",), 1.0, region_name="England"),
    _C("Leeds", "ENG", "GB", ("113",), 0.7, region_name="England"),
    _C("Glasgow", "SCT", "GB", ("141",), 0.7, region_name="Scotland"),
    _C("Madrid", "MD", "ES", ("6", "7"), 2.0, aliases=("Madrid centro", "Chamberí"), region_name="Comunidad de Madrid"),
    _C("Barcelona", "CT", "ES", ("6", "7"), 2.0, aliases=("BCN", "Eixample"), region_name="Cataluña"),
    _C("Valencia", "VC", "ES", ("6",), 0.8, region_name="Comunidad Valenciana"),
    _C("Sevilla", "AN", "ES", ("6",), 0.6, region_name="Andalucía"),
    _C("Málaga", "AN", "ES", ("6",), 0.6, aliases=("Marbella", "Costa del Sol"), region_name="Andalucía"),
    _C("Ciudad de México", "CDMX", "MX", ("55", "56"), 3.0, aliases=("CDMX", "DF", "Polanco", "Zona Rosa"), region_name="CDMX"),
    _C("Guadalajara", "JAL", "MX", ("33",), 1.5, aliases=("GDL", "Zapopan"), region_name="Jalisco"),
    _C("Monterrey", "NL", "MX", ("81",), 1.5, aliases=("MTY", "San Pedro"), region_name="Nuevo León"),
    _C("Tijuana", "BC", "MX", ("664",), 1.0, aliases=("TJ",), region_name="Baja California"),
    _C("Cancún", "QROO", "MX", ("998",), 1.0, aliases=("Cancun", "Playa del Carmen"), region_name="Quintana Roo"),
    _C("Bogotá", "DC", "CO", ("30", "31", "32"), 2.0, aliases=("Bogota", "Chapinero"), region_name="Bogotá D.C."),
    _C("Medellín", "ANT", "CO", ("30", "31", "32"), 2.0, aliases=("Medellin", "El Poblado"), region_name="Antioquia"),
    _C("Cali", "VAC", "CO", ("31", "32"), 1.0, region_name="Valle del Cauca"),
    _C("Cartagena", "BOL", "CO", ("30", "31"), 0.8, region_name="Bolívar"),
)

CITIES_BY_COUNTRY: dict[str, tuple[City, ...]] = {
    code: tuple(c for c in CITIES if c.country == code) for code in COUNTRIES
}

#: cities a touring network hops between: neighbours by road or a cheap flight
_CORRIDORS: tuple[tuple[str, ...], ...] = (
    ("Las Vegas", "Los Angeles", "San Diego", "Phoenix", "Reno", "Salt Lake City"),
    ("Houston", "Dallas", "San Antonio", "Austin", "El Paso", "Oklahoma City", "New Orleans"),
    ("Miami", "Fort Lauderdale", "Orlando", "Tampa", "Jacksonville", "Atlanta"),
    ("New York", "Newark", "Philadelphia", "Baltimore", "Washington", "Boston"),
    ("Chicago", "Detroit", "Indianapolis", "Columbus", "Minneapolis", "St. Louis", "Kansas City"),
    ("Atlanta", "Charlotte", "Nashville", "Memphis", "New Orleans"),
    ("Seattle", "Portland", "Sacramento", "San Francisco", "Vancouver"),
    ("Denver", "Salt Lake City", "Albuquerque", "Phoenix", "Kansas City"),
    ("Toronto", "Ottawa", "Montreal", "Calgary", "Vancouver"),
    ("Sydney", "Melbourne", "Brisbane", "Gold Coast", "Perth", "Adelaide"),
    ("London", "Manchester", "Birmingham", "Leeds", "Glasgow"),
    ("Madrid", "Barcelona", "Valencia", "Sevilla", "Málaga"),
    ("Ciudad de México", "Guadalajara", "Monterrey", "Tijuana", "Cancún"),
    ("Bogotá", "Medellín", "Cali", "Cartagena"),
)

CITY_BY_NAME: dict[str, City] = {c.name: c for c in CITIES}
CORRIDORS: tuple[tuple[City, ...], ...] = tuple(tuple(CITY_BY_NAME[n] for n in row) for row in _CORRIDORS)


def spanish_share(city: City) -> float:
    """How often an operator in ``city`` writes in Spanish."""
    return city.spanish if city.spanish is not None else COUNTRIES[city.country].spanish
