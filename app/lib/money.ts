/** Money in the UI: integer minor units in, formatted strings out (one formatter, shared with the gateway's messages). */
export { formatMinor as formatMoney, fractionDigits, minorToInput, parseMoney } from "../../workers/lib/money";
