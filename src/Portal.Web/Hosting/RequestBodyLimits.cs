using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Portal.Domain.Common;

namespace Portal.Web.Hosting;

/// <summary>
/// Caps the body of one endpoint before anything of it is buffered: a <c>Content-Length</c> over the limit answers 413
/// at once, and a body without one (chunked) is counted while it is read and stopped at the limit, which
/// <see cref="BadRequestProblems"/> turns into a 413 naming the limit and its setting.
/// </summary>
public static class RequestBodyLimits
{
    /// <summary>Limits the endpoint's body to <paramref name="limit"/> of the <c>Limits:*</c> settings, named <paramref name="setting"/> in answers.</summary>
    public static RouteHandlerBuilder WithBodyLimit(this RouteHandlerBuilder endpoint, Func<LimitsOptions, long> limit, string setting) =>
        endpoint.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var max = limit(http.RequestServices.GetRequiredService<IOptions<LimitsOptions>>().Value);
            var tooLarge = TooLargeMessage(max, setting);
            if (http.Request.ContentLength > max)
            {
                return Results.Problem(tooLarge, statusCode: StatusCodes.Status413PayloadTooLarge, title: "The request body is too large.");
            }

            // Kestrel enforces the same number (its own default, 30 MB, would otherwise cut a larger allowed import).
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            {
                size.MaxRequestBodySize = max;
            }

            http.Request.Body = new LimitedReadStream(http.Request.Body, max, tooLarge);
            return await next(context);
        });

    /// <summary>How every <see cref="TooLargeMessage"/> starts (so <see cref="BadRequestProblems"/> knows it for Portal's own).</summary>
    public const string TooLargePrefix = "The request body is larger than ";

    /// <summary>"The request body is larger than 50 MB, the most this endpoint accepts (Limits:ImportMaxBytes)."</summary>
    public static string TooLargeMessage(long max, string setting) =>
        $"{TooLargePrefix}{ByteSize.Describe(max)}, the most this endpoint accepts (setting {setting}).";

    /// <summary>Reads through to the request body and fails with 413 as soon as more than the limit has come in.</summary>
    private sealed class LimitedReadStream(Stream inner, long max, string message) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _read;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int read)
        {
            _read += read;
            return _read > max ? throw new BadHttpRequestException(message, StatusCodes.Status413PayloadTooLarge) : read;
        }
    }
}
