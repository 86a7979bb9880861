using System.Security.Cryptography;

namespace Proxus.Server.Identity;

/// <summary>Random one-time passwords: 20 characters from an alphabet without look-alikes (about 113 bits).</summary>
internal static class OneTimePasswords
{
    private const string Alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public static string Create() => RandomNumberGenerator.GetString(Alphabet, 20);
}
