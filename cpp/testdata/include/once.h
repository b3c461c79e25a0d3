#pragma once
once_body __COUNTER__
