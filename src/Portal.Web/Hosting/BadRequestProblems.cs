using System.Text.Json;
using System.Text.RegularExpressions;

namespace Portal.Web.Hosting;

/// <summary>
/// Requests Portal cannot read answer with problem details that name what was wrong, never a bare status or a 500:
/// a query or route value of the wrong type names the parameter, a body that is not JSON (or not of the expected shape)
/// names the field and the line and position, a body over its limit names the limit. Anything else the framework
/// says about a request it cannot read stays in the log: the caller gets a plain sentence, not framework text.
/// </summary>
/// <remarks>
/// Minimal APIs answer a bare 400 outside Development when they cannot bind a parameter. With
/// <see cref="RouteHandlerOptions.ThrowOnBadRequest"/> on they throw <see cref="BadHttpRequestException"/> instead,
/// and the middleware here turns it into the answer. A JSON body over Kestrel's size limit is the exception: the
/// framework answers a bare 413 without throwing, so a bare 413 or 415 from <c>/api</c> gets its problem document here
/// too.
/// </remarks>
public static partial class BadRequestProblems
{
    public static WebApplicationBuilder AddPortalBadRequestProblems(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return builder;
    }

    /// <summary>Just before the endpoints, so the correlation id is on the log line.</summary>
    public static WebApplication UsePortalBadRequestProblems(this WebApplication app)
    {
        app.Use(async (ctx, next) =>
        {
            try
            {
                await next();
            }
            catch (BadHttpRequestException ex) when (!ctx.Response.HasStarted)
            {
                var logger = ctx.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Portal.BadRequests");
                LogRefused(logger, ctx.Request.Method, ctx.Request.Path, ex.StatusCode, ex.Message);
                await For(ex).ExecuteAsync(ctx);
                return;
            }

            if (ctx.Response is { HasStarted: false, StatusCode: StatusCodes.Status413PayloadTooLarge or StatusCodes.Status415UnsupportedMediaType }
                && ctx.Response.ContentType is null && ctx.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
            {
                var logger = ctx.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Portal.BadRequests");
                LogRefused(logger, ctx.Request.Method, ctx.Request.Path, ctx.Response.StatusCode, "the framework answered without a body");
                await Problem(ctx.Response.StatusCode, null).ExecuteAsync(ctx);
            }
        });
        return app;
    }

    /// <summary>The answer to a request that could not be read.</summary>
    public static IResult For(BadHttpRequestException ex)
    {
        if (ex.InnerException is JsonException json)
        {
            var (field, reason) = Describe(json);
            return Results.ValidationProblem(
                new Dictionary<string, string[]> { [field] = [reason] },
                detail: $"{field}: {reason}",
                title: "The request body could not be read as JSON.");
        }

        if (BindingFailed().Match(ex.Message) is { Success: true } binding)
        {
            var name = binding.Groups["name"].Value;
            return Results.ValidationProblem(
                new Dictionary<string, string[]> { [name] = [$"'{binding.Groups["value"].Value}' is not {Expected(binding.Groups["type"].Value)}"] },
                title: "The request is not valid.");
        }

        if (NotProvided().Match(ex.Message) is { Success: true } missing)
        {
            var name = missing.Groups["name"].Value;
            var reason = missing.Groups["source"].Value == "body" ? "is required: send a JSON object as the request body" : "is required";
            return Results.ValidationProblem(new Dictionary<string, string[]> { [name] = [reason] }, title: "The request is not valid.");
        }

        // Portal's own body-limit message names the limit and its setting; any other message is the framework's (it may
        // name CLR types), so it stays in the log.
        return Problem(ex.StatusCode, ex.StatusCode == StatusCodes.Status413PayloadTooLarge && ex.Message.StartsWith(RequestBodyLimits.TooLargePrefix, StringComparison.Ordinal) ? ex.Message : null);
    }

    /// <summary>A problem document for a request that could not be read, with <paramref name="detail"/> or a plain sentence for the status.</summary>
    private static IResult Problem(int status, string? detail) => Results.Problem(
        detail ?? status switch
        {
            StatusCodes.Status413PayloadTooLarge => "The request body is larger than this endpoint accepts.",
            StatusCodes.Status415UnsupportedMediaType => "This endpoint reads JSON: send the body with Content-Type: application/json.",
            _ => "The request could not be read. Check its parameters and body against the API reference at /api/reference.",
        },
        statusCode: status,
        title: status switch
        {
            StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
            StatusCodes.Status415UnsupportedMediaType => "The request body is not of a type this endpoint reads.",
            _ => "The request could not be read.",
        });

    /// <summary>The field (from the JSON path; <c>body</c> for the whole of it) and what is wrong there, with its line and position.</summary>
    internal static (string Field, string Reason) Describe(JsonException json)
    {
        var field = json.Path is null or "$" ? "body" : json.Path.StartsWith("$.", StringComparison.Ordinal) ? json.Path[2..] : json.Path.TrimStart('$');
        var message = json.Message;
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = message.IndexOf(" LineNumber: ", StringComparison.Ordinal);
        }

        message = (cut >= 0 ? message[..cut] : message).TrimEnd('.', ' ');
        const string conversion = "The JSON value could not be converted to ";
        if (message.StartsWith(conversion, StringComparison.Ordinal))
        {
            message = $"has the wrong type: expected {Expected(message[conversion.Length..])}";
        }

        var where = json.LineNumber is { } line && json.BytePositionInLine is { } position
            ? $" (line {line + 1}, position {position + 1})"
            : string.Empty;
        return (field, message + where);
    }

    /// <summary>What a value of a CLR type looks like, in words.</summary>
    private static string Expected(string type)
    {
        var t = type.Replace("System.", string.Empty, StringComparison.Ordinal);
        return t switch
        {
            _ when t.Contains("[]", StringComparison.Ordinal) || t.Contains("List", StringComparison.Ordinal) || t.Contains("Enumerable", StringComparison.Ordinal) => "a list",
            _ when t.Contains("Int", StringComparison.OrdinalIgnoreCase) || t.Contains("long", StringComparison.Ordinal) => "a whole number",
            _ when t.Contains("Double", StringComparison.OrdinalIgnoreCase) || t.Contains("Decimal", StringComparison.OrdinalIgnoreCase) || t.Contains("Single", StringComparison.Ordinal) || t.Contains("float", StringComparison.Ordinal) => "a number",
            _ when t.Contains("Bool", StringComparison.OrdinalIgnoreCase) => "true or false",
            _ when t.Contains("Guid", StringComparison.Ordinal) => "an id (a GUID)",
            _ when t.Contains("DateOnly", StringComparison.Ordinal) => "a date (YYYY-MM-DD)",
            _ when t.Contains("DateTime", StringComparison.Ordinal) => "a date and time (ISO 8601)",
            _ when t.Contains("String", StringComparison.OrdinalIgnoreCase) => "text",
            _ => "of the expected shape (see the API reference at /api/reference)",
        };
    }

    [GeneratedRegex("^Failed to bind parameter \"(?<type>.+) (?<name>[^ ]+)\" from \"(?<value>.*)\"\\.$", RegexOptions.Singleline)]
    private static partial Regex BindingFailed();

    [GeneratedRegex("^Required parameter \"(?<type>.+) (?<name>[^ ]+)\" was not provided from (?<source>.+)\\.$", RegexOptions.Singleline)]
    private static partial Regex NotProvided();

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused {Method} {Path} with {StatusCode}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string method, string path, int statusCode, string reason);
}
