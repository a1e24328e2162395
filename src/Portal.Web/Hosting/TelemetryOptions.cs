namespace Portal.Web.Hosting;

/// <summary><c>OpenTelemetry:*</c>: where traces, metrics and logs go.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "OpenTelemetry";

    /// <summary>OTLP endpoint, e.g. http://collector:4317. Empty: nothing is exported. OTEL_EXPORTER_OTLP_ENDPOINT works too.</summary>
    public string? OtlpEndpoint { get; set; }

    public string ServiceName { get; set; } = "portal";
}
