using System.Security.Cryptography;

namespace Proxus.Demo;

/// <summary>Passwords the demo sets for its users: 20 random lower-case letters and digits in groups of five (about 103 bits).</summary>
public static class Passwords
{
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyz23456789";

    public static string Create()
    {
        var text = RandomNumberGenerator.GetString(Alphabet, 20);
        return string.Join('-', text.Chunk(5).Select(group => new string(group)));
    }
}
