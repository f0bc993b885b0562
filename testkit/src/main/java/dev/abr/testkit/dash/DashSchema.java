package dev.abr.testkit.dash;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Objects;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.xml.sax.SAXException;

/**
 * Validates MPDs against the ISO/IEC 23009-1 schema copied into {@code dash-schema/} on the
 * classpath (see its SOURCES.md). Imports resolve to the local copies; network access is refused,
 * so a schema that tried to fetch anything would fail the test.
 */
public final class DashSchema {
  private static final Schema SCHEMA = load();

  private DashSchema() {}

  /**
   * Validates {@code mpdXml}.
   *
   * @throws AssertionError naming the first schema violation
   */
  public static void validate(String mpdXml) {
    try {
      Validator validator = SCHEMA.newValidator();
      validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      validator.validate(new StreamSource(new StringReader(mpdXml)));
    } catch (SAXException e) {
      throw new AssertionError("MPD does not validate against DASH-MPD.xsd: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Schema load() {
    URL xsd =
        Objects.requireNonNull(
            DashSchema.class.getResource("/dash-schema/DASH-MPD.xsd"), "DASH-MPD.xsd missing");
    try {
      SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
      // Only local files: the imports of xlink.xsd and xml.xsd sit next to DASH-MPD.xsd.
      factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file,jar");
      factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      return factory.newSchema(xsd);
    } catch (SAXException e) {
      throw new IllegalStateException("cannot load the DASH schema", e);
    }
  }
}
