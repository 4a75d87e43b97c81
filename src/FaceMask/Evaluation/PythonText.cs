using System.Globalization;
using System.Numerics;
using System.Text;

namespace FaceMask.Evaluation;

/// <summary>
/// The bits of Python's <c>str.format</c> that sklearn's text reports use: fixed-point numbers rounded
/// exactly like Python (the exact binary value, ties to even) and right-alignment by code points.
/// </summary>
internal static class PythonText
{
    /// <summary>Formats like Python's <c>format(value, ".{digits}f")</c>.</summary>
    public static string Fixed(double value, int digits)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(digits);
        if (double.IsNaN(value))
        {
            return "nan";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }

        long bits = BitConverter.DoubleToInt64Bits(value);
        bool negative = bits < 0;
        int exponentBits = (int)((bits >> 52) & 0x7FF);
        long fraction = bits & 0xFFFFFFFFFFFFFL;
        long mantissa = exponentBits == 0 ? fraction : fraction | (1L << 52);
        int exponent = exponentBits == 0 ? -1074 : exponentBits - 1075;

        // |value| * 10^digits = mantissa * 2^exponent * 10^digits, rounded half to even.
        BigInteger scaled = new BigInteger(mantissa) * BigInteger.Pow(10, digits);
        BigInteger quotient;
        if (exponent >= 0)
        {
            quotient = scaled << exponent;
        }
        else
        {
            BigInteger denominator = BigInteger.One << -exponent;
            quotient = BigInteger.DivRem(scaled, denominator, out BigInteger remainder);
            int cmp = (remainder * 2).CompareTo(denominator);
            if (cmp > 0 || (cmp == 0 && !quotient.IsEven))
            {
                quotient += 1;
            }
        }

        string text = quotient.ToString(CultureInfo.InvariantCulture).PadLeft(digits + 1, '0');
        var sb = new StringBuilder(text.Length + 2);
        if (negative)
        {
            sb.Append('-');
        }

        sb.Append(text, 0, text.Length - digits);
        if (digits > 0)
        {
            sb.Append('.').Append(text, text.Length - digits, digits);
        }

        return sb.ToString();
    }

    /// <summary>The length Python's <c>len</c> gives: the number of Unicode code points.</summary>
    public static int Length(string s)
    {
        int length = 0;
        foreach (char c in s)
        {
            if (!char.IsLowSurrogate(c))
            {
                length++;
            }
        }

        return length;
    }

    /// <summary>Right-aligns like Python's <c>"{:>width}"</c> (never truncates).</summary>
    public static string Right(string s, int width)
    {
        int pad = width - Length(s);
        return pad > 0 ? new string(' ', pad) + s : s;
    }

    /// <summary>Left-aligns like Python's <c>"{:&lt;width}"</c> (never truncates).</summary>
    public static string Left(string s, int width)
    {
        int pad = width - Length(s);
        return pad > 0 ? s + new string(' ', pad) : s;
    }
}
