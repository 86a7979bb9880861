using Microsoft.Extensions.Options;

namespace Proxus.Server.Mqtt;

/// <summary>Fails start-up on a consumer configuration that cannot work.</summary>
public sealed class MqttConsumerOptionsValidator : IValidateOptions<MqttConsumerOptions>
{
    private const string Section = MqttConsumerOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, MqttConsumerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (!options.UsesEmbeddedBroker)
        {
            ValidateExternal(options, errors);
        }

        if (string.IsNullOrWhiteSpace(options.ClientId) || options.ClientId.Length > 200)
        {
            errors.Add($"{Section}:ClientId must be 1 to 200 characters.");
        }

        if (options.SessionExpiry < TimeSpan.Zero || options.SessionExpiry.TotalSeconds > uint.MaxValue - 1)
        {
            errors.Add($"{Section}:SessionExpiry must be between 0 and about 136 years.");
        }

        if (options.ReceiveMaximum is < 1 or > ushort.MaxValue)
        {
            errors.Add($"{Section}:ReceiveMaximum must be between 1 and 65535.");
        }

        if (options.ShareGroup.Length == 0 || options.ShareGroup.AsSpan().IndexOfAny("/+#") >= 0)
        {
            errors.Add($"{Section}:ShareGroup must be a non-empty name without '/', '+' or '#' (MQTT 5.0 section 4.8.2).");
        }

        foreach (var filter in options.UnsFilters)
        {
            if (!IsValidFilter(filter))
            {
                errors.Add($"{Section}:UnsFilters: '{filter}' is not a valid topic filter outside '$' topics.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateExternal(MqttConsumerOptions options, List<string> errors)
    {
        if (!Uri.TryCreate(options.Url, UriKind.Absolute, out var url) || url.Scheme is not ("mqtt" or "mqtts" or "ws" or "wss") || url.Port <= 0)
        {
            errors.Add($"{Section}:Url must be an mqtt://, mqtts://, ws:// or wss:// URL with a port.");
            return;
        }

        var secure = url.Scheme is "mqtts" or "wss";
        if (secure)
        {
            RequireFile(errors, "CaCertificatePath", options.CaCertificatePath, required: true);
            RequireFile(errors, "CertificatePath", options.CertificatePath, required: false);
            RequireFile(errors, "KeyPath", options.KeyPath, required: false);
            if (!string.IsNullOrWhiteSpace(options.KeyPath) && string.IsNullOrWhiteSpace(options.CertificatePath))
            {
                errors.Add($"{Section}:KeyPath needs {Section}:CertificatePath.");
            }
        }
        else if (!string.IsNullOrWhiteSpace(options.CaCertificatePath) || !string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            errors.Add($"{Section}: certificates are given for a plain {url.Scheme}:// broker; use mqtts:// or wss://.");
        }

        if (options.Password is not null && string.IsNullOrEmpty(options.Username))
        {
            errors.Add($"{Section}:Password needs {Section}:Username.");
        }
    }

    private static void RequireFile(List<string> errors, string key, string? path, bool required)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            if (required)
            {
                errors.Add($"{Section}:{key} is required for a TLS broker.");
            }
        }
        else if (!File.Exists(path))
        {
            errors.Add($"{Section}:{key}: '{path}' does not exist.");
        }
    }

    /// <summary>MQTT 5.0 section 4.7: '#' last and alone in its level, '+' alone in its level, no empty filter; no '$' topics.</summary>
    private static bool IsValidFilter(string? filter)
    {
        if (string.IsNullOrEmpty(filter) || filter[0] == '$' || filter.Length > 1024)
        {
            return false;
        }

        var levels = filter.Split('/');
        for (var i = 0; i < levels.Length; i++)
        {
            var level = levels[i];
            if ((level.Contains('#', StringComparison.Ordinal) && (level != "#" || i != levels.Length - 1))
                || (level.Contains('+', StringComparison.Ordinal) && level != "+")
                || level.Any(char.IsControl))
            {
                return false;
            }
        }

        return true;
    }
}
