"""marshmallow schemas: the API boundary; they check shape, services check meaning."""
