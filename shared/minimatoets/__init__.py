"""The inkomens- en vermogenstoets for categorical bijzondere bijstand and minimaregelingen."""
