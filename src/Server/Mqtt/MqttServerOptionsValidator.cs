using Microsoft.Extensions.Options;

namespace Proxus.Server.Mqtt;

/// <summary>Fails start-up on MQTT configuration that cannot work.</summary>
public sealed class MqttServerOptionsValidator : IValidateOptions<MqttServerOptions>
{
    public ValidateOptionsResult Validate(string? name, MqttServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.Port is < 0 or > 65_535)
        {
            errors.Add("Mqtt:Port must be between 0 (off) and 65535.");
        }

        if (options.TlsPort is < 0 or > 65_535)
        {
            errors.Add("Mqtt:TlsPort must be between 0 (off) and 65535.");
        }

        if (options.Port > 0 && options.Port == options.TlsPort && options.IsTlsEnabled)
        {
            errors.Add("Mqtt:Port and Mqtt:TlsPort must differ.");
        }

        if (options.WebSocketPath.Length > 0 && !options.WebSocketPath.StartsWith('/'))
        {
            errors.Add("Mqtt:WebSocketPath must start with '/'.");
        }

        if (!string.IsNullOrWhiteSpace(options.Tls.CertificatePath))
        {
            RequireFile(errors, "Mqtt:Tls:CertificatePath", options.Tls.CertificatePath);
        }

        if (!string.IsNullOrWhiteSpace(options.Tls.KeyPath))
        {
            if (string.IsNullOrWhiteSpace(options.Tls.CertificatePath))
            {
                errors.Add("Mqtt:Tls:KeyPath needs Mqtt:Tls:CertificatePath.");
            }

            RequireFile(errors, "Mqtt:Tls:KeyPath", options.Tls.KeyPath);
        }

        errors.AddRange(options.Broker.Validate().Select(e => "Mqtt:Broker: " + e));
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void RequireFile(List<string> errors, string key, string path)
    {
        if (!File.Exists(path))
        {
            errors.Add($"{key}: '{path}' does not exist.");
        }
    }
}
