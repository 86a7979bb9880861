using Proxus.Drivers.OpcUa;

namespace Proxus.Agent.Commissioning;

public static partial class DeviceEndpointParser
{
    /// <summary>The security policies an <c>opc.tcp</c> URL may name, by their short names.</summary>
    private static readonly string[] SecurityPolicyNames = SecurityPolicy.All.Select(policy => policy.Name).ToArray();

    private static OpcUaEndpoint ParseOpcUa(string location, QueryParameters query)
    {
        if (query.GetString("password") is not null)
        {
            throw new EndpointFormatException($"Never put a password in the URL: set it in the environment variable {OpcUaEndpoint.PasswordVariable}.");
        }

        query.RejectUnknown(OpcUaScheme, "security", "mode", "user");
        var slash = location.IndexOf('/', StringComparison.Ordinal);
        var authority = slash < 0 ? location : location[..slash];
        var path = slash < 0 ? string.Empty : location[slash..];
        if (authority.Contains('@', StringComparison.Ordinal))
        {
            throw new EndpointFormatException($"'{authority}' carries user information; name the user with ?user=NAME and set the password in {OpcUaEndpoint.PasswordVariable}.");
        }

        if (path.Any(character => char.IsWhiteSpace(character) || char.IsControl(character) || character == '#'))
        {
            throw new EndpointFormatException($"The path '{path}' contains a space, a control character or '#'.");
        }

        var (host, port) = ParseHostAndPort(authority, OpcUaEndpoint.DefaultPort);
        var policy = ParseSecurityPolicy(query.GetString("security"));
        var mode = ParseSecurityMode(policy, query.GetString("mode"));
        var user = query.GetString("user");
        var urlHost = host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host;
        return new OpcUaEndpoint
        {
            EndpointUrl = FormattableString.Invariant($"{OpcUaScheme}://{urlHost}:{port}{path}"),
            SecurityPolicy = policy,
            SecurityMode = mode,
            UserName = user,
        };
    }

    private static SecurityPolicy ParseSecurityPolicy(string? name)
    {
        if (name is null)
        {
            return SecurityPolicy.None;
        }

        var policy = SecurityPolicy.All.FirstOrDefault(candidate => string.Equals(candidate.Name, name, StringComparison.OrdinalIgnoreCase));
        return policy ?? throw new EndpointFormatException($"security '{name}' is not one of {string.Join(", ", SecurityPolicyNames)}.");
    }

    private static MessageSecurityMode ParseSecurityMode(SecurityPolicy policy, string? name)
    {
        if (name is null)
        {
            return policy.IsNone ? MessageSecurityMode.None : MessageSecurityMode.SignAndEncrypt;
        }

        var mode = name.ToUpperInvariant() switch
        {
            "SIGN" => MessageSecurityMode.Sign,
            "SIGNANDENCRYPT" => MessageSecurityMode.SignAndEncrypt,
            "NONE" => MessageSecurityMode.None,
            _ => throw new EndpointFormatException($"mode '{name}' is not Sign or SignAndEncrypt."),
        };
        if (policy.IsNone != (mode == MessageSecurityMode.None))
        {
            throw new EndpointFormatException(policy.IsNone
                ? $"mode {mode} needs a security policy (security={SecurityPolicy.Basic256Sha256.Name}, for example)."
                : $"security {policy.Name} needs mode Sign or SignAndEncrypt, not None.");
        }

        return mode;
    }
}
