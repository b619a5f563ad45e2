"""Money: the rounding rule, what counts as a valid price or rate, and currency safety."""

from __future__ import annotations

from decimal import Decimal

import pytest

from cartapp.domain.money import Money, MoneyError, parse_price, parse_rate, round_cents

__all__: list[str] = []


# -- the rounding rule: ROUND_HALF_UP to the cent -------------------------------------------


@pytest.mark.parametrize(
    ("value", "rounded"),
    [
        ("0.005", "0.01"),  # exactly half a cent goes up
        ("0.015", "0.02"),
        ("0.025", "0.03"),  # banker's rounding (half even) would give 0.02
        ("0.045", "0.05"),  # half even: 0.04
        ("2.675", "2.68"),  # the classic float trap: float(2.675) rounds to 2.67
        ("1.005", "1.01"),
        ("0.0049999", "0.00"),  # just below half stays down
        ("0.0050001", "0.01"),
        ("-0.005", "-0.01"),  # half away from zero for negatives
        ("-0.015", "-0.02"),
        ("10", "10.00"),
    ],
)
def test_round_cents_is_half_up(value: str, rounded: str) -> None:
    result = round_cents(Decimal(value))
    assert result == Decimal(rounded)
    assert str(result) == rounded  # always exactly two places


def test_money_rounds_its_amount_half_up() -> None:
    assert Money(Decimal("0.125")).amount == Decimal("0.13")
    assert Money(Decimal("0.124")).amount == Decimal("0.12")
    assert str(Money(Decimal("3")).amount) == "3.00"


# -- valid prices ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("18.90", "18.90"),
        ("18.9", "18.90"),
        (" 2.50 ", "2.50"),
        ("0", "0.00"),
        (5, "5.00"),
        (Decimal("7.49"), "7.49"),
        ("1.000", "1.00"),  # trailing zeros are not extra precision
        ("999999.99", "999999.99"),
        ("-0", "0.00"),  # a negative zero is zero, not "-0.00" on a price tag
        ("-0.00", "0.00"),
    ],
)
def test_parse_price_accepts_text_int_and_decimal(given: object, expected: str) -> None:
    price = parse_price(given)
    assert price == Decimal(expected)
    assert str(price) == expected


# -- invalid prices: each one rejected with a reason a person can read ------------------------


@pytest.mark.parametrize(
    ("given", "words"),
    [
        (0.1, "not float"),
        (18.90, "not float"),
        (float("nan"), "not float"),
        (float("inf"), "not float"),
        (True, "not bool"),
        ("NaN", "finite"),
        ("nan", "finite"),
        ("sNaN", "finite"),
        (Decimal("NaN"), "finite"),
        ("inf", "finite"),
        ("-Infinity", "finite"),
        (Decimal("Infinity"), "finite"),
        ("-0.01", "negative"),
        (-1, "negative"),
        (Decimal("-5.00"), "negative"),
        ("1.001", "more than two decimal places"),
        ("0.005", "more than two decimal places"),
        (Decimal("18.999"), "more than two decimal places"),
        ("1E-7", "more than two decimal places"),
        ("1000000", "below 1000000"),
        ("1e9", "below 1000000"),
        ("abc", "is not a number"),
        ("1,50", "is not a number"),
        ("", "is not a number"),
        ("1\x00", "is not a number"),
        ("9" * 40, "too long"),
        (None, "not NoneType"),
        ([1], "not list"),
    ],
)
def test_parse_price_rejects_with_a_readable_reason(given: object, words: str) -> None:
    with pytest.raises(MoneyError) as caught:
        parse_price(given)
    message = str(caught.value)
    assert words in message
    assert message.startswith("price")
    assert "\n" not in message and len(message) < 120


def test_parse_price_names_the_field_it_checks() -> None:
    with pytest.raises(MoneyError, match=r"^unit price cannot be negative$"):
        parse_price("-1", "unit price")


# -- tax rates -------------------------------------------------------------------------------


@pytest.mark.parametrize("given", ["0", "0.07", "0.19", "1", "0.0725", Decimal("0.1")])
def test_parse_rate_accepts_rates_between_zero_and_one(given: object) -> None:
    assert Decimal(0) <= parse_rate(given) <= Decimal(1)


@pytest.mark.parametrize(
    ("given", "words"),
    [
        ("1.01", "between 0 and 1"),
        ("-0.07", "between 0 and 1"),
        ("NaN", "between 0 and 1"),
        ("inf", "between 0 and 1"),
        ("0.07251", "more than four decimal places"),
        (0.07, "not float"),
        (False, "not bool"),
    ],
)
def test_parse_rate_rejects_with_a_readable_reason(given: object, words: str) -> None:
    with pytest.raises(MoneyError, match=words):
        parse_rate(given)


# -- Money -----------------------------------------------------------------------------------


def test_money_adds_and_subtracts_in_one_currency() -> None:
    a = Money(Decimal("18.90"))
    b = Money(Decimal("1.15"))
    assert (a + b).amount == Decimal("20.05")
    assert (a - b).amount == Decimal("17.75")
    assert (a * 3).amount == Decimal("56.70")
    assert (2 * b).amount == Decimal("2.30")
    assert (a * Decimal("0.07")).amount == Decimal("1.32")  # 1.323 rounds down
    assert (a + b).currency == "EUR"


@pytest.mark.parametrize("op", ["add", "sub"])
def test_money_refuses_to_mix_currencies(op: str) -> None:
    eur = Money(Decimal("1.00"), "EUR")
    usd = Money(Decimal("1.00"), "USD")
    with pytest.raises(MoneyError, match="cannot combine EUR and USD"):
        _ = eur + usd if op == "add" else eur - usd


@pytest.mark.parametrize("factor", [1.5, True, "2", None])
def test_money_multiplies_only_by_int_or_decimal(factor: object) -> None:
    with pytest.raises(MoneyError, match="int or a Decimal"):
        _ = Money(Decimal("1.00")) * factor  # type: ignore[operator]


@pytest.mark.parametrize("amount", [0.5, 1, "1.00", Decimal("NaN"), Decimal("-Infinity")])
def test_money_needs_a_finite_decimal(amount: object) -> None:
    with pytest.raises(MoneyError, match="finite Decimal"):
        Money(amount)  # type: ignore[arg-type]


@pytest.mark.parametrize("currency", ["eur", "EURO", "E1R", "", "\u20ac\u20ac\u20ac"])
def test_money_needs_an_iso_currency_code(currency: str) -> None:
    with pytest.raises(MoneyError, match="three-letter ISO code"):
        Money(Decimal("1.00"), currency)


def test_money_formats_for_people() -> None:
    assert str(Money(Decimal("1234.5"))) == "1,234.50 EUR"
    assert Money(Decimal("18.9")).format() == "\u20ac18.90"
    assert Money(Decimal("-3.10"), "USD").format() == "-$3.10"
    assert Money(Decimal("7"), "CHF").format() == "7.00 CHF"
    assert Money.zero("GBP").format() == "\u00a30.00"
