package dev.syncopated.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncopated.spec.Diagnostic;
import dev.syncopated.spec.Position;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** Renders findings in each {@link DiagnosticFormat}. Pure: reports in, text out. */
public final class DiagnosticPrinter {
    private DiagnosticPrinter() {}

    public static String print(DiagnosticFormat format, List<SpecReport> reports) {
        return switch (format) {
            case TEXT -> text(reports);
            case JSON -> json(reports);
            case GITHUB -> github(reports);
            case JUNIT -> junit(reports);
        };
    }

    /** Compiler style: {@code file:line:col: error: message}, the source line, a caret, the hint. */
    public static String text(List<SpecReport> reports) {
        StringBuilder out = new StringBuilder();
        for (SpecReport report : reports) {
            for (Diagnostic d : report.diagnostics()) {
                out.append(headline(d)).append('\n');
                Position p = d.position();
                Optional<String> line = report.sources().line(p.file(), p.line());
                if (p.hasLine() && line.isPresent()) {
                    String number = String.valueOf(p.line());
                    String gutter = " ".repeat(number.length());
                    String source = line.get().replace('\t', ' ');
                    out.append(' ').append(number).append(" | ").append(source).append('\n');
                    out.append(' ').append(gutter).append(" | ")
                            .append(" ".repeat(Math.max(0, Math.min(p.column() - 1, source.length())))).append("^\n");
                }
                if (!d.hint().isEmpty()) {
                    out.append("  hint: ").append(d.hint()).append('\n');
                }
            }
        }
        out.append(summary(reports)).append('\n');
        return out.toString();
    }

    /** The one line that says what is wrong and where. */
    public static String headline(Diagnostic d) {
        String where = d.position().hasLine() ? d.position().toString() : d.position().file();
        String message = d.path().isEmpty() ? d.message() : d.path() + ": " + d.message();
        return where + ": " + d.severity().label() + ": " + message;
    }

    static String summary(List<SpecReport> reports) {
        long errors = count(reports, true);
        long warnings = count(reports, false);
        long invalid = reports.stream().filter(r -> !r.valid()).count();
        if (errors == 0) {
            String files = reports.size() == 1 ? reports.get(0).file() : reports.size() + " specs";
            return files + ": valid" + (warnings > 0 ? " (" + plural(warnings, "warning") + ")" : "");
        }
        return plural(errors, "error") + (warnings > 0 ? ", " + plural(warnings, "warning") : "")
                + " in " + plural(invalid, "spec");
    }

    private static long count(List<SpecReport> reports, boolean errors) {
        return reports.stream().flatMap(r -> r.diagnostics().stream()).filter(d -> d.isError() == errors).count();
    }

    private static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    static String json(List<SpecReport> reports) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("valid", reports.stream().allMatch(SpecReport::valid));
        ArrayNode list = root.putArray("diagnostics");
        for (SpecReport report : reports) {
            for (Diagnostic d : report.diagnostics()) {
                ObjectNode item = list.addObject();
                item.put("severity", d.severity().label());
                item.put("file", d.position().file());
                item.put("line", Math.max(1, d.position().line()));
                item.put("column", Math.max(1, d.position().column()));
                item.put("path", d.path());
                item.put("message", d.message());
                item.put("hint", d.hint());
            }
        }
        try {
            return mapper.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** GitHub Actions workflow commands, which annotate the file in the pull request. */
    static String github(List<SpecReport> reports) {
        StringBuilder out = new StringBuilder();
        for (SpecReport report : reports) {
            for (Diagnostic d : report.diagnostics()) {
                String message = (d.path().isEmpty() ? "" : d.path() + ": ") + d.message()
                        + (d.hint().isEmpty() ? "" : "\nhint: " + d.hint());
                out.append("::").append(d.isError() ? "error" : "warning")
                        .append(" file=").append(property(d.position().file()))
                        .append(",line=").append(Math.max(1, d.position().line()))
                        .append(",col=").append(Math.max(1, d.position().column()))
                        .append(",title=syncopated validate")
                        .append("::").append(data(message)).append('\n');
            }
        }
        out.append(summary(reports)).append('\n');
        return out.toString();
    }

    private static String data(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    private static String property(String s) {
        return data(s).replace(":", "%3A").replace(",", "%2C");
    }

    /** JUnit XML: one test case per spec, failed by each of its errors, so CI servers list every finding. */
    static String junit(List<SpecReport> reports) {
        StringWriter buffer = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(buffer);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            long failures = reports.stream().filter(r -> !r.valid()).count();
            xml.writeStartElement("testsuites");
            xml.writeAttribute("name", "syncopated validate");
            xml.writeAttribute("tests", String.valueOf(reports.size()));
            xml.writeAttribute("failures", String.valueOf(failures));
            xml.writeCharacters("\n  ");
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", "syncopated validate");
            xml.writeAttribute("tests", String.valueOf(reports.size()));
            xml.writeAttribute("failures", String.valueOf(failures));
            xml.writeAttribute("errors", "0");
            for (SpecReport report : reports) {
                xml.writeCharacters("\n    ");
                xml.writeStartElement("testcase");
                xml.writeAttribute("classname", "syncopated.validate");
                xml.writeAttribute("name", report.file());
                xml.writeAttribute("file", report.file());
                for (Diagnostic d : report.diagnostics()) {
                    if (!d.isError()) {
                        continue;
                    }
                    xml.writeCharacters("\n      ");
                    xml.writeStartElement("failure");
                    xml.writeAttribute("message", headline(d));
                    xml.writeAttribute("type", "error");
                    xml.writeCharacters(headline(d) + (d.hint().isEmpty() ? "" : "\nhint: " + d.hint()));
                    xml.writeEndElement();
                }
                String warnings = report.diagnostics().stream().filter(d -> !d.isError())
                        .map(d -> headline(d) + (d.hint().isEmpty() ? "" : "\nhint: " + d.hint()))
                        .reduce((a, b) -> a + "\n" + b).orElse("");
                if (!warnings.isEmpty()) {
                    xml.writeCharacters("\n      ");
                    xml.writeStartElement("system-out");
                    xml.writeCharacters(warnings);
                    xml.writeEndElement();
                }
                xml.writeCharacters("\n    ");
                xml.writeEndElement();
            }
            xml.writeCharacters("\n  ");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return buffer + "\n";
    }
}
